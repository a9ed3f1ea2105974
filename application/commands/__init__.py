"""Pydantic command models: the shape of every state-changing command."""
