"""Everything that runs inside the Rasa server: the only package of the project that imports Rasa.

* :mod:`rasa_ext.channels`: input channels (REST, Slack, Telegram, socket.io, the portal page),
  their shared webhook helpers and input checks, and the web assets;
* :mod:`rasa_ext.stores`: the tracker store and the lock store (set in the endpoints files);
* :mod:`rasa_ext.patches`: the changes to Rasa's own code, installed by one call;
* ``python -m rasa_ext run|shell|test …``: the one front door to Rasa (patches, then Rasa's CLI).
"""
