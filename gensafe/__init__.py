"""gensafe: training-data safety filtering for GB/T 45654-2025 §4."""
__version__ = "0.1.0"
