"""决策事项登记: the decision body records each decision actually taken, linked to its review or a coverage gap."""
