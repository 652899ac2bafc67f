"""socket.io for the website widget (bot/widget): Rasa's channel with server-issued session ids
(`channel`), the guarded `user_uttered` handler (`guard`), the allowed browser origins
(`origins`), the client's language hint (`hints`) and a turn's replies sent together
(`output`)."""
