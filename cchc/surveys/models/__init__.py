"""Survey instruments, campaigns, responses and the tallies that keep the indices fast.

Each module registers its models when imported here; import the classes from their own module.
"""

from . import collection, instruments, tallies

__all__ = ["collection", "instruments", "tallies"]
