"""The website chat widget: its script, style and demo page, and the small server for them.

A page embeds the widget with one script tag; the widget talks to the Rasa
server's socket.io channel (bot/channels/socketio/).
"""
