"""What both Europass formats (Candidate and v3 SkillsPassport) share, one module per topic.

``prepare`` (making a document XML-safe), ``sections`` (which entries go where), ``names``, ``richtext`` (the
HTML Europass keeps in text nodes), ``fields`` (fields without an element, carried as labelled text),
``publications``, ``languages``, ``phones`` and ``xml`` (parsing, the PDF attachment, leftover reporting).
"""
