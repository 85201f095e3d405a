# The two commands of the e-Office suite, and their helpers. See README.md.
PYTHON ?= python3
DEVCTL = $(PYTHON) tools/devctl.py

.PHONY: run stop test lint update bench
run:    ## Odoo + the e-Office modules + the demo Pemda on http://localhost:8069
	$(DEVCTL) run
update: ## update the modules of the running database, then start
	$(DEVCTL) stop && $(DEVCTL) run --update
stop:   ## stop Odoo and the private PostgreSQL; nothing stays running
	$(DEVCTL) stop
test:   ## lint, then the whole test suite on a throwaway database
	$(DEVCTL) lint && $(DEVCTL) test
bench:  ## benchmarks on the demo database; they print figures and roll back
	$(DEVCTL) bench
lint:   ## ruff, pylint-odoo mandatory checks, XML well-formedness
	$(DEVCTL) lint
