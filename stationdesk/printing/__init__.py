"""PDF rendering of certificates, notices and reports with reportlab."""
