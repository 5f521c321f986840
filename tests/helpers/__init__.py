"""Helpers the tests share: import them from here; fixtures stay in the conftest files.

Test modules never import each other. Assertions in these helpers are rewritten by pytest
(``tests/conftest.py`` registers the package), so their failures read like a test's own.
"""
