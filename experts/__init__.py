"""Pure rules of the legal-adviser pool (法律顾问专家库): no Flask, no SQLAlchemy."""
