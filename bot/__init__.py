"""Pure-Python core of the muscle-twitch assistant (no Rasa imports; a test enforces it).

Modules:
    knowledge: typed, validated loader for the YAML files under ``bot/knowledge/``.
    matching: whole-word phrase matching shared by the parser and the spaCy builder.
    assessment: turning answers into slot values, and ranking the causes.
    answers: knowledge answers (topics, strategies, results) rendered from templates.
    safety: red flags, the dosing guard and the disclaimer.
    nlp: builds the spaCy pipeline (blank English + lookup lemmatizer + EntityRuler).
"""
