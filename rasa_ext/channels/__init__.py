"""Input channels (set in credentials.yml), their webhook helpers and input checks, web assets.

Each channel cleans, caps and defuses what it receives at its own boundary
(:mod:`rasa_ext.channels.input_guard`, :func:`rasa_ext.channels.webhooks.user_text`).
"""
