"""The size limits of what people type, shared by the web forms and the API so both refuse the same input.

Lengths are in characters (as the database columns count them); each column that stores the text is at least
this long.
"""
TITLE = 200                 # 事项名称, 议题名称
SUMMARY = 5000              # 主要内容
LEGAL_BASIS = 5000          # 法律依据
COUNTERPARTIES = 2000       # 协议相对方
CONTACT_NAME = 40
CONTACT_PHONE = 32
REASON = 2000               # every written reason: supplements, returns, exemptions, non-adoption, gaps
OPINION_REASONS = 10000     # 审核理由
CLAUSE = 80                 # 对应条款
POINT_TEXT = 2000           # one modification point
MAX_POINTS = 30             # modification points in one opinion
EXTENSION_DAYS = (1, 30)    # one extension of the review period, in working days
MEETING_NAME = 120
OPINION_NUMBER = 40
TOKEN_NAME = 80
SEARCH = 100                # a title search
PAGE_SIZE = (1, 100)        # items per API page
DECISION_PAGE_SIZE = (1, 500)
# Demolition ledger (issue 9)
PROJECT = 200               # 项目名称
ADDRESS = 200               # 房屋坐落
PARTY_NAME = 80             # one 当事人
MAX_PARTIES = 50
ENFORCING_BODY = 120        # 执法主体
NOTE = 2000                 # 备注, a step's note
DOCUMENT_NO = 60            # 文书编号, 案号
MAX_AREA = 10_000_000       # 建筑面积(㎡)
MAX_EVIDENCE = 10           # files attached to one step or reply
LETTER_TEXT = 5000          # a supervision letter's findings, its requirements, a reply
COPIES_TO = 200             # 抄送
# Litigation records (issue 10)
COURT = 120                 # 受理法院
CASE_NO = 60                # 案号
PARTY = 200                 # 原告, 申请人, 出庭人员
ACT = 300                   # 被诉行政行为
CO_DEFENDANTS = 300         # 共同被告
COURT_ROOM = 80             # 法庭
