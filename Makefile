# The README's two commands: `make run` and `make test`. Each installs what it needs first.
VENV   := .venv
PORT   ?= 5000
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat setup.cfg pyproject.toml | sha256sum | cut -c1-12)
export FLASK_APP := review_app:create_app

.PHONY: run test worker install browser translations messages

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP) translations

# After changing UI text: collect it and merge into each catalogue, then translate the new entries.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

translations: $(STAMP)
	$(BIN)/pybabel compile -d translations -f 2>/dev/null

# Debian's Chromium and a CJK font, so browser tests run and their screenshots show Chinese.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; fi

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	@echo "serving on http://127.0.0.1:$(PORT)"
	PUBLIC_URL=$${PUBLIC_URL:-http://127.0.0.1:$(PORT)} $(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 \
	  --access-logfile - "review_app:create_app()"

test: install browser
	$(BIN)/pytest -q

# rq workers (SimpleWorker, with rq's scheduler) and `rq cron` (the periodic jobs: outbox sweep, reminders),
# against REDIS_URL, under a supervisor that restarts them (review_app/worker.py). WORKERS=n for more workers.
worker: install
	exec $(BIN)/python -m review_app.worker --workers $${WORKERS:-1}
