#include "gui/prompter.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

namespace dd::gui {

namespace {
QString tr(const char *text)
{
    // The context lupdate gives the tr() calls in DialogPrompter's members.
    return QCoreApplication::translate("dd::gui::DialogPrompter", text);
}
} // namespace

QString DialogPrompter::payloadFileToOpen(QWidget *parent)
{
    return QFileDialog::getOpenFileName(parent, tr("Load payload"), QString(),
                                        tr("All files (*);;JSON (*.json);;Text (*.txt)"));
}

bool DialogPrompter::acceptDemoCluster(QWidget *parent, const QString &why)
{
    QMessageBox box(QMessageBox::Question, tr("No Nomad cluster found"), why, QMessageBox::NoButton,
                    parent);
    box.setInformativeText(tr("Dispatch Desk can start a demo cluster inside the app, with "
                              "example jobs to dispatch. Nothing leaves this computer."));
    QPushButton *demo = box.addButton(tr("Start the demo cluster"), QMessageBox::AcceptRole);
    box.addButton(tr("Not now"), QMessageBox::RejectRole);
    box.setDefaultButton(demo);
    box.exec();
    return box.clickedButton() == demo;
}

bool DialogPrompter::confirm(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

QString DialogPrompter::askText(QWidget *parent, const QString &title, const QString &label,
                                const QString &suggestion)
{
    bool ok = false;
    const QString text =
        QInputDialog::getText(parent, title, label, QLineEdit::Normal, suggestion, &ok);
    return ok ? text.trimmed() : QString();
}

} // namespace dd::gui
