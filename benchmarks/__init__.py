"""Speed and scale measurements; not part of the test run and never imported by ``reader``."""
