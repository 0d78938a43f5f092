"""Errors that are the user's to fix: the CLI prints them as one line, never as a traceback."""


class UserError(Exception):
    pass
