"""Writing a disclosure from data: the whole document (Word, PDF, HTML) and the workbook."""
