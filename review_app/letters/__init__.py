"""Official letters (公文) as .docx in the national layout, shared by every letter the bureau issues:
the legality-review opinion (review/opinion_docx.py) and the rule-of-law supervision letter
(demolition/letter_docx.py)."""
