# Read by the flask command (python-dotenv): `flask db upgrade`, `flask demo load` … work in the checkout as they are.
FLASK_APP=review_app:create_app
