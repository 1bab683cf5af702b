"""Printed documents: plain records in, PDF bytes out (reportlab). No Qt, no database."""
