"""Input channels of our own, outside Rasa's built-in ones: Telegram on python-telegram-bot.

`telegram` is the webhook channel inside the Rasa server, `telegram_polling` the long-polling
runner that talks to the Rasa server's REST channel; both share `telegram_common` (turning
updates into messages) and `telegram_replies` (turning replies into Telegram messages).
"""
