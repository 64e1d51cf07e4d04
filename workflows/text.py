"""Marking user-facing text in the pure rule modules for translation.

workflows/ and experts/ keep their labels and messages in Chinese, the source language; `N_` only marks them so
`pybabel extract -k N_` collects them, and the app translates each when it shows it (review_app.labels).
"""


def N_(text: str) -> str:
    return text
