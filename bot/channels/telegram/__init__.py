"""Telegram on python-telegram-bot: `webhook` (the input channel inside the Rasa server) and
`polling` (the runner that passes updates to the Rasa server over REST) handle updates the same
way (`handlers`, `incoming`, `replies`). See bot/channels/README.md."""
