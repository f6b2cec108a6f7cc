"""Channel adapters: the only part of ``bot/`` that may import Rasa (``rasa.core.channels``)."""
