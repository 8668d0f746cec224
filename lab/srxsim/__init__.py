"""srxsim: a vSRX emulator that speaks NETCONF over SSH (see lab/README.md)."""
