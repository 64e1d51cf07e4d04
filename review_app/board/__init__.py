"""The bureau's board (issue 11): coverage, matters by category and year, time per stage, open and overdue
work, adoption of modification points and the demolition ledger's figures, each section one query module and
one template partial, every figure a link to the rows behind it, every table an Excel file, the annual summary
as .docx and the same figures in the JSON API. A department or town sees the same board for its own rows."""
