"""NLU components that run inside the Rasa server (listed in config.yml)."""
