"""yusuan 预算: read, check, store, write and serve Chinese public budget disclosures."""

__version__ = "0.1.0"
