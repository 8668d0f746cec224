"""`python -m srxsim ...` is the `srxsim` command."""
import sys

from srxsim.cli import main

sys.exit(main())
