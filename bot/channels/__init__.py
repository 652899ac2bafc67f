"""Every way a message comes in, each through the guard (bot/guard): the REST channel (`rest`),
socket.io for the website widget (`socketio`, with `socketio_guard` and `socketio_origins`) and
Telegram (`telegram/`: a webhook channel inside the Rasa server and a polling runner). See
README.md."""
