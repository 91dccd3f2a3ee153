"""Thin Qt table models over the services, and the table widget that shows them."""
