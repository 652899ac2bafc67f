"""Kotobot: a multilingual assistant that guides newcomers in Kauniainen to integration services."""
