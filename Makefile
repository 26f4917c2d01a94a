# Two commands: `make start` runs the portal, `make test` runs every test.
# Both bring Node 22 and yarn into .tools/ and install dependencies first.
.PHONY: start test setup

start: setup
	@bash scripts/start.sh

test: setup
	@bash -c '. scripts/env.sh && yarn test'

setup:
	@bash scripts/setup.sh
