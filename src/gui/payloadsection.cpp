#include "gui/payloadsection.h"

#include "core/boundedfile.h"

#include "core/dispatchvalidation.h"
#include "gui/icons.h"
#include "gui/payloadeditor.h"
#include "gui/payloadformat.h"
#include "gui/prompter.h"
#include "ui_payloadsection.h"

#include <QDragEnterEvent>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>

namespace dd::gui {

PayloadSection::PayloadSection(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PayloadSection>())
{
    m_ui->setupUi(this);
    m_ui->loadPayloadButton->setIcon(icon(QStringLiteral("open")));
    m_ui->formatJsonButton->setIcon(icon(QStringLiteral("format")));
    m_ui->clearPayloadButton->setIcon(icon(QStringLiteral("clear")));
    connect(m_ui->loadPayloadButton, &QToolButton::clicked, this, &PayloadSection::chooseFile);
    connect(m_ui->formatJsonButton, &QToolButton::clicked, this, &PayloadSection::formatJson);
    connect(m_ui->clearPayloadButton, &QToolButton::clicked, this, &PayloadSection::clear);
    connect(m_ui->payloadEditor, &PayloadEditor::fileDropped, this, &PayloadSection::loadFile);
    connect(m_ui->payloadEditor, &PayloadEditor::payloadChanged, this, [this]() {
        // Typing makes it the user's text, no longer the file's.
        if (!m_applying) {
            m_loadedFile.clear();
            m_loadedPath.clear();
            m_loadedEmptyFile = false;
            m_loadError.clear();
        }
        updateState();
        Q_EMIT changed();
    });
    setRule(PayloadRule::Optional);
}

PayloadSection::~PayloadSection() = default;

PayloadEditor *PayloadSection::editor() const
{
    return m_ui->payloadEditor;
}

void PayloadSection::setRule(PayloadRule rule)
{
    m_rule = rule;
    const bool forbidden = rule == PayloadRule::Forbidden;
    m_ui->payloadEditor->setEnabled(!forbidden);
    m_ui->loadPayloadButton->setEnabled(!forbidden);
    m_ui->clearPayloadButton->setEnabled(!forbidden);
    QString text;
    switch (rule) {
    case PayloadRule::Required:
        text = tr("Required: this job needs a payload of at most %1 bytes; the task reads it as a "
                  "file.")
                   .arg(kMaxPayloadBytes);
        break;
    case PayloadRule::Optional:
        text = tr("Optional: the job runs with or without a payload (at most %1 bytes).")
                   .arg(kMaxPayloadBytes);
        break;
    case PayloadRule::Forbidden:
        text = tr("This job takes no payload: its parameterized block says payload = “forbidden”, "
                  "so Nomad would refuse one.");
        break;
    }
    m_ui->payloadRuleLabel->setText(text);
    m_ui->payloadEditor->setToolTip(forbidden ? text : QString());
    updateState();
}

QByteArray PayloadSection::payload() const
{
    return m_ui->payloadEditor->payload();
}

bool PayloadSection::hasPayload() const
{
    return !payload().isEmpty() || m_loadedEmptyFile;
}

void PayloadSection::setPayload(const QByteArray &bytes)
{
    m_loadedFile.clear();
    m_loadedPath.clear();
    m_loadError.clear();
    m_loadedEmptyFile = false;
    apply(bytes);
}

void PayloadSection::apply(const QByteArray &bytes)
{
    m_applying = true;
    m_ui->payloadEditor->setPayload(bytes);
    m_applying = false;
}

void PayloadSection::clear()
{
    setPayload({});
}

bool PayloadSection::loadFile(const QString &path)
{
    if (m_rule == PayloadRule::Forbidden)
        return false;
    // Bounded and regular files only: a FIFO or /dev/zero dropped on the form
    // must not hang or fill the app. Nomad's limit is 16 KiB; the meter says so.
    constexpr qint64 kMaxPayloadFileBytes = 16 << 20;
    auto read = readBoundedFile(path, kMaxPayloadFileBytes);
    if (!read) {
        m_loadError = tr("Could not read the payload file: %1.").arg(read.error().message());
        updateState();
        Q_EMIT changed();
        return false;
    }
    const QByteArray bytes = *read;
    m_loadError.clear();
    m_loadedFile = QFileInfo(path).fileName();
    m_loadedPath = QFileInfo(path).absoluteFilePath();
    m_loadedEmptyFile = bytes.isEmpty();
    apply(bytes);
    return true;
}

void PayloadSection::chooseFile()
{
    if (!m_prompter)
        return;
    const QString path = m_prompter->payloadFileToOpen(this);
    if (!path.isEmpty())
        loadFile(path);
}

void PayloadSection::formatJson()
{
    const QByteArray bytes = payload();
    if (checkPayload(bytes).kind != PayloadKind::Json)
        return;
    apply(prettyJson(bytes).trimmed());
}

void PayloadSection::updateState()
{
    const QByteArray bytes = payload();
    const PayloadCheck check = checkPayload(bytes);
    m_ui->formatJsonButton->setEnabled(check.kind == PayloadKind::Json &&
                                       m_rule != PayloadRule::Forbidden);

    QString kind;
    switch (check.kind) {
    case PayloadKind::Empty:
        kind = m_loadedEmptyFile ? tr("Empty file") : QString();
        break;
    case PayloadKind::Json:
        kind = tr("Valid JSON");
        break;
    case PayloadKind::Text:
        kind = check.looksLikeJson
                   ? tr("Not valid JSON (%1 at character %2); it will be sent as text")
                         .arg(check.jsonError)
                         .arg(check.errorOffset)
                   : tr("Text");
        break;
    case PayloadKind::Binary:
        kind = tr("Binary: shown as hex, sent as is");
        break;
    }
    if (!m_loadedFile.isEmpty() && check.kind != PayloadKind::Empty)
        kind = tr("%1 · from %2").arg(kind, m_loadedFile);
    if (!m_loadError.isEmpty())
        showMessage(m_ui->payloadKindLabel, MessageKind::Error, m_loadError);
    else
        m_ui->payloadKindLabel->setText(kind);
    m_ui->payloadKindLabel->setVisible(true);

    const qsizetype size = bytes.size();
    const bool over = size > kMaxPayloadBytes;
    m_ui->payloadSizeMeter->setValue(int(std::min<qsizetype>(size, kMaxPayloadBytes)));
    QPalette meter = palette();
    if (over) {
        // The one hard-coded colour here: red reads as "too much" in any theme.
        meter.setColor(QPalette::Highlight, QColor(0xd3, 0x2f, 0x2f));
        meter.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    }
    m_ui->payloadSizeMeter->setPalette(meter);
    m_ui->payloadSizeLabel->setPalette(meter);
    m_ui->payloadSizeMeter->setProperty("overLimit", over);
    m_ui->payloadSizeLabel->setText(over ? tr("%1 bytes: %2 over the %3-byte limit")
                                               .arg(size)
                                               .arg(size - kMaxPayloadBytes)
                                               .arg(kMaxPayloadBytes)
                                         : tr("%1 of %2 bytes").arg(size).arg(kMaxPayloadBytes));
}

void PayloadSection::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_rule != PayloadRule::Forbidden && !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void PayloadSection::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (!path.isEmpty()) {
        event->acceptProposedAction();
        loadFile(path);
    }
}

} // namespace dd::gui
