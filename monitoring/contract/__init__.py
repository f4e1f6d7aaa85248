"""The workbook contract declared once, and the in-memory dataset it describes."""
