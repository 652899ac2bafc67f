"""Kotobot scaled out on Rasa's own horizontal scaling: several Rasa servers sharing a
PostgreSQL tracker store and a Redis lock store behind a load balancer (see README.md).

`python -m bot.cluster` runs such a cluster on loopback from Debian's packages.
"""
