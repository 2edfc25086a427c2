"""Human curation in Argilla: a local workspace, push of survivors, pull of decisions.

`server` runs argilla-server (own venv) with noida-db as its search engine and Redis;
`client` checks the connection; `records` turns samples into Argilla records; `push` and
`pull` move them and the annotators' responses; `agreement` decides from several responses.
"""
