"""儿童主任工作台: offline-first case files for village child directors."""

__version__ = "0.1.0"
