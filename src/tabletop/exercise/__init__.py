"""The exercise format: models, cross-reference checks and the YAML loader."""

from tabletop.exercise.model import CONTROL, Exercise, Inject, Issue, Outcome, Role

__all__ = ["CONTROL", "Exercise", "Inject", "Issue", "Outcome", "Role"]
