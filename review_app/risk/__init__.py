"""The litigation-risk assessment of a matter at review (issue 10): its page, its operations, its policy."""
