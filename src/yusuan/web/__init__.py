"""The reviewers\x27 web application: `yusuan serve`."""
