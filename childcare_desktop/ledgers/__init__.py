"""Excel ledgers (台账, 花名册, the 2016 登记表): read them in, write them out.

Plain data in and out, like ``documents``: this package knows workbooks, header rows and
the ways people type values, but not the store. ``services.ledger_import`` and
``services.exports`` connect it to the store.
"""
