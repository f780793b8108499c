"""Provenance: fetch each brief's source, keep the evidence, check every quote against it.

Engine-free like the rest of the core: `verify.py` ties fetching (`fetch.py`), text
extraction (`extract.py`), quote matching (`match.py`), the local cache (`cache.py`) and
the committed manifest (`manifest.py`) into problems for the command line.
"""
