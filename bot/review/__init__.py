"""The coordinators' review tool: conversations from the tracker store with filters, tags,
review status, notes, training-data export and analytics, behind a sign-in.

`create_app(config)` (bot.review.app) builds the web app; `python -m bot.review` serves it.
"""
