"""The built-in suite: one module per problem, each defining ``PROBLEM``, a native record.

``burner_env.problems.load_suite("builtin")`` discovers the modules here; nothing needs to be
registered.
"""
