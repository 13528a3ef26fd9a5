#pragma once
// A subset of go-bexpr, the filter language of Nomad's list endpoints (1.3+):
// `and`, `or`, `not`, parentheses, `==`, `!=`, `is [not] empty`, `is [not] nil`,
// `[not] contains`, `[not] matches`, `[not] in`, over selectors like
// `ParentID`, `Meta.owner` or `Meta["input-codec"]`. Nomad evaluates filters
// against the stored object (for jobs the whole Job, so `ParameterizedJob` is
// an object or nil), and so does this.

#include <QJsonObject>
#include <QString>

#include <expected>
#include <memory>

namespace dd::sim {

class FilterExpression
{
public:
    // Err holds Nomad's 400 text ("failed to read filter expression: ...").
    static std::expected<FilterExpression, QString> parse(const QString &text);
    bool matches(const QJsonObject &object) const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace dd::sim
