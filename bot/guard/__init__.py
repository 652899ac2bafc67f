"""What the input channels (REST, socket.io) do before and after Rasa handles a message.

Rasa 3.6 answers nothing when a custom action fails (the action server is down: it logs the
exception and the person waits in silence), accepts any text however long, and has no rate
limit. In this assistant every message gets at least one reply, so the guard: cleans the text,
limits how fast one sender may write, answers empty and over-long messages itself, and sends a
short apology in the conversation's language when handling a message produced no reply.
"""
