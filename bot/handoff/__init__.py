"""Handoff to the integration coordinator by e-mail: outbox, composition, delivery."""
