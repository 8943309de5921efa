"""The web dashboard of issue 14 (Vizro): pages in pages.py, their data in data.py, own figures in figures.py."""
