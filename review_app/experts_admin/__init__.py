"""The expert pool (法律顾问专家库) administration."""
